class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :email, null: false
      t.string :name, limit: 100
      t.boolean :admin, default: false, null: false
      t.timestamps
    end
  end
end
