class AddNote < ActiveRecord::Migration[7.1]
  def change
    add_column :accounts, :café, :text
  end
end
