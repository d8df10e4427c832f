class AddNote < ActiveRecord::Migration[7.1]
  def change
    execute "UPDATE accounts SET note = 'x'
  end
end
